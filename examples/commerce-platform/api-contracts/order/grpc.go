package order

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// ServiceName is the fully qualified gRPC service name.
const ServiceName = "commerce.order.v1.OrderService"

const getOrderMethod = "/" + ServiceName + "/GetOrder"

// OrderServiceServer is implemented by the order service.
type OrderServiceServer interface {
	GetOrder(ctx context.Context, id *wrapperspb.StringValue) (*structpb.Struct, error)
}

// OrderServiceClient calls a remote order service.
type OrderServiceClient interface {
	GetOrder(ctx context.Context, id *wrapperspb.StringValue, opts ...grpc.CallOption) (*structpb.Struct, error)
}

type orderServiceClient struct {
	cc grpc.ClientConnInterface
}

// NewOrderServiceClient wraps a connection.
func NewOrderServiceClient(cc grpc.ClientConnInterface) OrderServiceClient {
	return &orderServiceClient{cc: cc}
}

func (c *orderServiceClient) GetOrder(ctx context.Context, id *wrapperspb.StringValue, opts ...grpc.CallOption) (*structpb.Struct, error) {
	out := new(structpb.Struct)
	if err := c.cc.Invoke(ctx, getOrderMethod, id, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

func getOrderHandler(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
	in := new(wrapperspb.StringValue)
	if err := dec(in); err != nil {
		return nil, err
	}
	if interceptor == nil {
		return srv.(OrderServiceServer).GetOrder(ctx, in)
	}
	info := &grpc.UnaryServerInfo{Server: srv, FullMethod: getOrderMethod}
	handler := func(ctx context.Context, req any) (any, error) {
		return srv.(OrderServiceServer).GetOrder(ctx, req.(*wrapperspb.StringValue))
	}
	return interceptor(ctx, in, info, handler)
}

// ServiceDesc describes the service for grpc.Server registration.
var ServiceDesc = grpc.ServiceDesc{
	ServiceName: ServiceName,
	HandlerType: (*OrderServiceServer)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "GetOrder", Handler: getOrderHandler},
	},
	Streams:  []grpc.StreamDesc{},
	Metadata: "commerce/order/v1/order.proto",
}

// RegisterOrderServiceServer attaches srv to a gRPC server.
func RegisterOrderServiceServer(s grpc.ServiceRegistrar, srv OrderServiceServer) {
	s.RegisterService(&ServiceDesc, srv)
}
