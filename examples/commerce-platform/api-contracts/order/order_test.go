package order

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

type fixedServer struct{ o Order }

func (f fixedServer) GetOrder(_ context.Context, id *wrapperspb.StringValue) (*structpb.Struct, error) {
	o := f.o
	o.ID = id.GetValue()
	return o.ToStruct()
}

// The call goes through a real gRPC server over an in-memory listener, so
// the hand-written ServiceDesc and codec path are exercised without a network.
func TestGetOrderOverInMemoryGRPC(t *testing.T) {
	lis := bufconn.Listen(1 << 16)
	srv := grpc.NewServer()
	created := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	RegisterOrderServiceServer(srv, fixedServer{o: Order{SKU: "sku-1", Quantity: 4, CreatedAt: created}})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()

	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	msg, err := NewOrderServiceClient(conn).GetOrder(ctx, wrapperspb.String("o-42"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := FromStruct(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := Order{ID: "o-42", SKU: "sku-1", Quantity: 4, CreatedAt: created}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestFromStructRejectsMissingID(t *testing.T) {
	s, err := structpb.NewStruct(map[string]any{"sku": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromStruct(s); !errors.Is(err, ErrMalformed) {
		t.Fatalf("got %v, want ErrMalformed", err)
	}
}
