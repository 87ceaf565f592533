package observability

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// RunAll runs every task concurrently and cancels the others as soon as one
// fails, which is how services tie their HTTP and gRPC listeners together.
func RunAll(ctx context.Context, tasks ...func(context.Context) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, task := range tasks {
		task := task
		g.Go(func() error { return task(gctx) })
	}
	return g.Wait()
}
