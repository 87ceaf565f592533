module example.com/commerce/libs/xredis

go 1.22

require (
	example.com/commerce/libs/observability v0.0.0
	github.com/redis/go-redis/v9 v9.7.0
	go.uber.org/zap v1.27.0
)

require (
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/sync v0.7.0 // indirect
)

replace example.com/commerce/libs/observability => ../observability
