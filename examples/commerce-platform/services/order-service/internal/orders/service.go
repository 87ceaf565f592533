// Package orders holds the order-service domain logic.
package orders

import (
	"context"
	"errors"
	"sync"
	"time"

	"example.com/commerce/api-contracts/order"
	"golang.org/x/sync/singleflight"
)

// ErrNotFound is returned for unknown order IDs.
var ErrNotFound = errors.New("orders: not found")

// Store persists orders; production uses MySQL, tests use MemoryStore.
type Store interface {
	Get(ctx context.Context, id string) (order.Order, error)
	Put(ctx context.Context, o order.Order) error
}

// MemoryStore is an in-process Store.
type MemoryStore struct {
	mu     sync.RWMutex
	orders map[string]order.Order
}

// NewMemoryStore returns an empty store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{orders: make(map[string]order.Order)}
}

// Get returns the order or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id string) (order.Order, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	o, ok := m.orders[id]
	if !ok {
		return order.Order{}, ErrNotFound
	}
	return o, nil
}

// Put stores or replaces an order.
func (m *MemoryStore) Put(_ context.Context, o order.Order) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.orders[o.ID] = o
	return nil
}

// Service coalesces concurrent lookups of the same order so a burst of
// requests for one hot order hits the store once.
type Service struct {
	store Store
	group singleflight.Group
	now   func() time.Time
}

// NewService wraps a store.
func NewService(store Store) *Service {
	return &Service{store: store, now: time.Now}
}

// Get looks an order up.
func (s *Service) Get(ctx context.Context, id string) (order.Order, error) {
	v, err, _ := s.group.Do(id, func() (any, error) {
		return s.store.Get(ctx, id)
	})
	if err != nil {
		return order.Order{}, err
	}
	return v.(order.Order), nil
}

// Create validates and stores a new order.
func (s *Service) Create(ctx context.Context, id, sku string, qty int64) (order.Order, error) {
	if id == "" || sku == "" || qty <= 0 {
		return order.Order{}, errors.New("orders: id, sku and a positive quantity are required")
	}
	o := order.Order{ID: id, SKU: sku, Quantity: qty, CreatedAt: s.now().UTC()}
	if err := s.store.Put(ctx, o); err != nil {
		return order.Order{}, err
	}
	return o, nil
}
