package stock

import (
	"context"
	"testing"
	"time"

	"example.com/commerce/api-contracts/order"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

type fakeOrders map[string]order.Order

func (f fakeOrders) GetOrder(_ context.Context, id *wrapperspb.StringValue, _ ...grpc.CallOption) (*structpb.Struct, error) {
	o, ok := f[id.GetValue()]
	if !ok {
		return nil, status.Error(codes.NotFound, "no such order")
	}
	return o.ToStruct()
}

func TestReserveIsIdempotentAndBounded(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	orders := fakeOrders{
		"a": {ID: "a", SKU: "widget", Quantity: 3, CreatedAt: now},
		"b": {ID: "b", SKU: "widget", Quantity: 5, CreatedAt: now},
	}
	r := NewReserver(orders, 2, map[string]int64{"widget": 7})
	ctx := context.Background()

	_, err := r.Reserve(ctx, "a")
	require.NoError(t, err)
	_, err = r.Reserve(ctx, "a")
	require.NoError(t, err)
	assert.Equal(t, int64(4), r.Level("widget"))

	_, err = r.Reserve(ctx, "b")
	assert.ErrorIs(t, err, ErrInsufficient)
	assert.Equal(t, int64(4), r.Level("widget"))
}

func TestReservePropagatesLookupErrors(t *testing.T) {
	r := NewReserver(fakeOrders{}, 1, nil)
	_, err := r.Reserve(context.Background(), "missing")
	assert.Equal(t, codes.NotFound, status.Code(err))
}
