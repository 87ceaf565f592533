module example.com/commerce/libs/xmysql

go 1.22

require (
	example.com/commerce/libs/observability v0.0.0
	github.com/go-sql-driver/mysql v1.8.0
	go.uber.org/zap v1.27.0
)

require (
	filippo.io/edwards25519 v1.1.0 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/sync v0.7.0 // indirect
)

replace example.com/commerce/libs/observability => ../observability
