package grpcapi

import (
	"context"
	"testing"

	"example.com/commerce/api-contracts/order"
	"example.com/commerce/services/order-service/internal/orders"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

func TestGetOrderRoundTripsThroughStruct(t *testing.T) {
	ctx := context.Background()
	svc := orders.NewService(orders.NewMemoryStore())
	created, err := svc.Create(ctx, "o-7", "sku-1", 2)
	require.NoError(t, err)

	msg, err := (&Server{Orders: svc}).GetOrder(ctx, wrapperspb.String("o-7"))
	require.NoError(t, err)
	got, err := order.FromStruct(msg)
	require.NoError(t, err)
	assert.Equal(t, created.ID, got.ID)
	assert.Equal(t, created.Quantity, got.Quantity)
	assert.True(t, created.CreatedAt.Equal(got.CreatedAt))
}

func TestGetOrderNotFound(t *testing.T) {
	_, err := (&Server{Orders: orders.NewService(orders.NewMemoryStore())}).GetOrder(context.Background(), wrapperspb.String("nope"))
	assert.Equal(t, codes.NotFound, status.Code(err))
}
