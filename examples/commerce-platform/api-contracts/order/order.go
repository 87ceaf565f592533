// Package order is the hand-written gRPC contract of the order service.
//
// Messages travel as protobuf well-known types (StringValue requests,
// Struct responses) so the contract needs no generated code.
package order

import (
	"errors"
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Order is the domain view of one order.
type Order struct {
	ID        string
	SKU       string
	Quantity  int64
	CreatedAt time.Time
}

// ErrMalformed is returned when a Struct does not hold a valid order.
var ErrMalformed = errors.New("order: malformed message")

// ToStruct encodes the order for the wire.
func (o Order) ToStruct() (*structpb.Struct, error) {
	ts := timestamppb.New(o.CreatedAt)
	return structpb.NewStruct(map[string]any{
		"id":         o.ID,
		"sku":        o.SKU,
		"quantity":   float64(o.Quantity),
		"created_at": ts.AsTime().Format(time.RFC3339Nano),
	})
}

// FromStruct decodes an order received from the wire.
func FromStruct(s *structpb.Struct) (Order, error) {
	if s == nil {
		return Order{}, ErrMalformed
	}
	f := s.GetFields()
	id := f["id"].GetStringValue()
	if id == "" {
		return Order{}, fmt.Errorf("%w: missing id", ErrMalformed)
	}
	created, err := time.Parse(time.RFC3339Nano, f["created_at"].GetStringValue())
	if err != nil {
		return Order{}, fmt.Errorf("%w: created_at: %v", ErrMalformed, err)
	}
	return Order{
		ID:        id,
		SKU:       f["sku"].GetStringValue(),
		Quantity:  int64(f["quantity"].GetNumberValue()),
		CreatedAt: created.UTC(),
	}, nil
}
