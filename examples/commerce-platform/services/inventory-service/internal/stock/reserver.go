// Package stock reserves inventory for orders fetched from the order service.
package stock

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"example.com/commerce/api-contracts/order"
	"golang.org/x/sync/semaphore"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// ErrInsufficient is returned when the SKU has too little stock left.
var ErrInsufficient = errors.New("stock: insufficient quantity")

// Reserver holds per-SKU stock levels and caps concurrent order look-ups
// so a reservation storm cannot overwhelm the order service.
type Reserver struct {
	orders   order.OrderServiceClient
	inflight *semaphore.Weighted

	mu       sync.Mutex
	levels   map[string]int64
	reserved map[string]bool
}

// NewReserver creates a reserver with the given stock levels.
func NewReserver(orders order.OrderServiceClient, maxInflight int64, levels map[string]int64) *Reserver {
	copied := make(map[string]int64, len(levels))
	for k, v := range levels {
		copied[k] = v
	}
	return &Reserver{
		orders:   orders,
		inflight: semaphore.NewWeighted(maxInflight),
		levels:   copied,
		reserved: make(map[string]bool),
	}
}

// Reserve takes stock for the order once; repeating it is a no-op.
func (r *Reserver) Reserve(ctx context.Context, orderID string) (order.Order, error) {
	if err := r.inflight.Acquire(ctx, 1); err != nil {
		return order.Order{}, err
	}
	msg, err := r.orders.GetOrder(ctx, wrapperspb.String(orderID))
	r.inflight.Release(1)
	if err != nil {
		return order.Order{}, fmt.Errorf("stock: fetch order %s: %w", orderID, err)
	}
	o, err := order.FromStruct(msg)
	if err != nil {
		return order.Order{}, err
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reserved[o.ID] {
		return o, nil
	}
	if r.levels[o.SKU] < o.Quantity {
		return order.Order{}, fmt.Errorf("%w: %s has %d, order %s needs %d", ErrInsufficient, o.SKU, r.levels[o.SKU], o.ID, o.Quantity)
	}
	r.levels[o.SKU] -= o.Quantity
	r.reserved[o.ID] = true
	return o, nil
}

// Level returns the remaining stock of a SKU.
func (r *Reserver) Level(sku string) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.levels[sku]
}
