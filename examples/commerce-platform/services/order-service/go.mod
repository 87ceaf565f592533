module example.com/commerce/services/order-service

go 1.23

require (
	example.com/commerce/api-contracts/order v0.0.0
	example.com/commerce/libs/observability v0.0.0
	example.com/commerce/libs/xconfig v0.0.0
	example.com/commerce/libs/xmysql v0.0.0
	example.com/commerce/libs/xredis v0.0.0
	github.com/go-chi/chi/v5 v5.2.1
	github.com/stretchr/testify v1.9.0
	go.uber.org/zap v1.27.0
	golang.org/x/sync v0.7.0
	google.golang.org/grpc v1.64.0
	google.golang.org/protobuf v1.34.1
)

require (
	filippo.io/edwards25519 v1.1.0 // indirect
	github.com/BurntSushi/toml v1.3.2 // indirect
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/go-sql-driver/mysql v1.8.0 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/redis/go-redis/v9 v9.7.0 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/net v0.22.0 // indirect
	golang.org/x/sys v0.18.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20240318140521-94a12d6c2237 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

// Illustrative exclude: upgrades must never select this go-redis release.
exclude github.com/redis/go-redis/v9 v9.7.3

replace (
	example.com/commerce/api-contracts/order => ../../api-contracts/order
	example.com/commerce/libs/observability => ../../libs/observability
	example.com/commerce/libs/xconfig => ../../libs/xconfig
	example.com/commerce/libs/xmysql => ../../libs/xmysql
	example.com/commerce/libs/xredis => ../../libs/xredis
)
