// Package grpcapi implements the order contract over gRPC.
package grpcapi

import (
	"context"
	"errors"

	"example.com/commerce/api-contracts/order"
	"example.com/commerce/services/order-service/internal/orders"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Server adapts orders.Service to order.OrderServiceServer.
type Server struct {
	Orders *orders.Service
}

var _ order.OrderServiceServer = (*Server)(nil)

// GetOrder maps domain errors to gRPC status codes.
func (s *Server) GetOrder(ctx context.Context, id *wrapperspb.StringValue) (*structpb.Struct, error) {
	o, err := s.Orders.Get(ctx, id.GetValue())
	if errors.Is(err, orders.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "order %q not found", id.GetValue())
	}
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return o.ToStruct()
}
