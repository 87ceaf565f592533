package observability

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountersAccumulate(t *testing.T) {
	c := NewCounters()
	c.Add("b", 2)
	c.Add("a", 1)
	assert.Equal(t, int64(5), c.Add("b", 3))
	assert.Equal(t, []string{"a", "b"}, c.Names())
}

func TestRunAllCancelsSiblingsOnFailure(t *testing.T) {
	boom := errors.New("boom")
	err := RunAll(context.Background(),
		func(context.Context) error { return boom },
		func(ctx context.Context) error { <-ctx.Done(); return nil },
	)
	assert.ErrorIs(t, err, boom)
}
