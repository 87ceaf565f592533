package observability

import (
	"sort"
	"sync"
)

// Counters is a goroutine-safe set of named monotonic counters.
type Counters struct {
	mu     sync.Mutex
	values map[string]int64
}

// NewCounters returns an empty registry.
func NewCounters() *Counters {
	return &Counters{values: make(map[string]int64)}
}

// Add increments the named counter by delta and returns the new value.
func (c *Counters) Add(name string, delta int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[name] += delta
	return c.values[name]
}

// Snapshot copies the current values, keyed by name.
func (c *Counters) Snapshot() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int64, len(c.values))
	for k, v := range c.values {
		out[k] = v
	}
	return out
}

// Names lists the counter names in sorted order.
func (c *Counters) Names() []string {
	snap := c.Snapshot()
	names := make([]string, 0, len(snap))
	for k := range snap {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
