module example.com/commerce/services/payment-service

go 1.22

require (
	example.com/commerce/libs/observability v0.0.0
	example.com/commerce/libs/xconfig v0.0.0
	example.com/commerce/libs/xmysql v0.0.0
	github.com/go-chi/chi/v5 v5.2.1
	github.com/stretchr/testify v1.9.0
	go.uber.org/zap v1.27.0
	golang.org/x/text v0.14.0
)

require (
	filippo.io/edwards25519 v1.1.0 // indirect
	github.com/BurntSushi/toml v1.3.2 // indirect
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/go-sql-driver/mysql v1.8.0 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/sync v0.7.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace (
	example.com/commerce/libs/observability => ../../libs/observability
	example.com/commerce/libs/xconfig => ../../libs/xconfig
	example.com/commerce/libs/xmysql => ../../libs/xmysql
)
