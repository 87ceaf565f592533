// Package observability gives every commerce service the same logger shape
// and a tiny in-process counter registry.
package observability

import (
	"fmt"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// NewLogger returns a JSON production logger tagged with the service name,
// so log lines from different services can be told apart in one stream.
func NewLogger(service string, debug bool) (*zap.Logger, error) {
	cfg := zap.NewProductionConfig()
	if debug {
		cfg.Level = zap.NewAtomicLevelAt(zapcore.DebugLevel)
	}
	logger, err := cfg.Build(zap.Fields(zap.String("service", service)))
	if err != nil {
		return nil, fmt.Errorf("observability: build logger: %w", err)
	}
	return logger, nil
}
