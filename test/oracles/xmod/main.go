// Command xmod answers questions about Go versions and module paths, one JSON request per line
// on stdin and one JSON answer per line on stdout, using golang.org/x/mod and go/version. The
// TypeScript engine's tests compare their tables against it.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/version"
	"os"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

type request struct {
	Op   string   `json:"op"`
	Args []string `json:"args"`
}

type answer struct {
	Result any    `json:"result"`
	Error  string `json:"error,omitempty"`
}

func arg(r request, i int) string {
	if i < len(r.Args) {
		return r.Args[i]
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func run(r request) answer {
	a, b := arg(r, 0), arg(r, 1)
	switch r.Op {
	case "semver.IsValid":
		return answer{Result: semver.IsValid(a)}
	case "semver.Canonical":
		return answer{Result: semver.Canonical(a)}
	case "semver.Compare":
		return answer{Result: semver.Compare(a, b)}
	case "semver.Major":
		return answer{Result: semver.Major(a)}
	case "semver.MajorMinor":
		return answer{Result: semver.MajorMinor(a)}
	case "semver.Prerelease":
		return answer{Result: semver.Prerelease(a)}
	case "semver.Build":
		return answer{Result: semver.Build(a)}
	case "semver.Max":
		return answer{Result: semver.Max(a, b)}
	case "semver.Sort":
		list := append([]string{}, r.Args...)
		semver.Sort(list)
		return answer{Result: list}
	case "module.IsPseudoVersion":
		return answer{Result: module.IsPseudoVersion(a)}
	case "module.IsZeroPseudoVersion":
		return answer{Result: module.IsZeroPseudoVersion(a)}
	case "module.PseudoVersionBase":
		v, err := module.PseudoVersionBase(a)
		return answer{Result: v, Error: errText(err)}
	case "module.PseudoVersionRev":
		v, err := module.PseudoVersionRev(a)
		return answer{Result: v, Error: errText(err)}
	case "module.PseudoVersionTime":
		t, err := module.PseudoVersionTime(a)
		return answer{Result: t.UTC().Format(time.RFC3339), Error: errText(err)}
	case "module.PseudoVersion":
		t, err := time.Parse(time.RFC3339, arg(r, 2))
		if err != nil {
			return answer{Error: err.Error()}
		}
		return answer{Result: module.PseudoVersion(a, b, t, arg(r, 3))}
	case "module.SplitPathVersion":
		prefix, pathMajor, ok := module.SplitPathVersion(a)
		return answer{Result: map[string]any{"prefix": prefix, "pathMajor": pathMajor, "ok": ok}}
	case "module.CheckPathMajor":
		return answer{Result: module.CheckPathMajor(a, b) == nil}
	case "module.CheckPath":
		return answer{Result: module.CheckPath(a) == nil}
	case "module.CanonicalVersion":
		return answer{Result: module.CanonicalVersion(a)}
	case "version.Compare":
		// go/version names versions "go1.21"; the engine's go-version.ts works without the prefix.
		return answer{Result: version.Compare("go"+a, "go"+b)}
	case "version.IsValid":
		return answer{Result: version.IsValid("go" + a)}
	case "version.IsValidRaw":
		return answer{Result: version.IsValid(a)}
	case "version.CompareRaw":
		return answer{Result: version.Compare(a, b)}
	case "version.Lang":
		return answer{Result: version.Lang("go" + a)}
	}
	return answer{Error: fmt.Sprintf("unknown op %q", r.Op)}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			enc.Encode(answer{Error: err.Error()})
			continue
		}
		enc.Encode(run(r))
	}
}
