// Command payment-service accepts payments over HTTP.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"example.com/commerce/libs/observability"
	"example.com/commerce/libs/xconfig"
	"example.com/commerce/libs/xmysql"
	"example.com/commerce/services/payment-service/internal/httpapi"
	"example.com/commerce/services/payment-service/internal/payments"
	"go.uber.org/zap"
)

func main() {
	configPath := flag.String("config", "payment-service.toml", "path to the TOML config")
	flag.Parse()
	if err := run(*configPath); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(configPath string) error {
	cfg, err := xconfig.Load(configPath)
	if err != nil {
		return err
	}
	logger, err := observability.NewLogger(cfg.Service, cfg.Debug)
	if err != nil {
		return err
	}
	defer func() { _ = logger.Sync() }()
	counters := observability.NewCounters()
	db, err := xmysql.Open(xmysql.Settings{
		Host: cfg.MySQL.Host, Port: cfg.MySQL.Port, User: cfg.MySQL.User,
		Password: cfg.MySQL.Password, Database: cfg.MySQL.Database,
	}, logger, counters)
	if err != nil {
		return err
	}
	defer db.Close()

	sink := func(p payments.Payment) error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, err := db.ExecContext(ctx,
			"INSERT INTO payments (order_id, amount_minor, currency) VALUES (?, ?, ?)",
			p.OrderID, p.Amount, p.Currency)
		if xmysql.IsDuplicate(err) {
			return nil
		}
		return err
	}
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpapi.NewRouter(sink, logger, counters), ReadHeaderTimeout: 5 * time.Second}
	logger.Info("starting", zap.String("http", cfg.HTTPAddr))
	return srv.ListenAndServe()
}
