package xredis

import (
	"testing"

	"example.com/commerce/libs/observability"
	"go.uber.org/zap"
)

func TestKeyNamespacing(t *testing.T) {
	counters := observability.NewCounters()
	withNS := New(Options{Addr: "127.0.0.1:0", Namespace: "orders"}, zap.NewNop(), counters)
	defer withNS.Close()
	if got := withNS.Key("o-1", "status"); got != "orders:o-1:status" {
		t.Fatalf("got %q", got)
	}
	bare := New(Options{Addr: "127.0.0.1:0"}, zap.NewNop(), counters)
	defer bare.Close()
	if got := bare.Key("a", "b"); got != "a:b" {
		t.Fatalf("got %q", got)
	}
}
