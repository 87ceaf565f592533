// Command inventory-service reserves stock for orders.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"example.com/commerce/api-contracts/order"
	"example.com/commerce/libs/observability"
	"example.com/commerce/libs/xconfig"
	"example.com/commerce/libs/xredis"
	"example.com/commerce/services/inventory-service/internal/stock"
	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
	"go.uber.org/zap"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func main() {
	configPath := flag.String("config", "inventory-service.toml", "path to the TOML config")
	orderAddr := flag.String("orders", "127.0.0.1:9090", "order-service gRPC address")
	flag.Parse()
	if err := run(*configPath, *orderAddr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(configPath, orderAddr string) error {
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
	cache := xredis.New(xredis.Options{Addr: cfg.Redis.Addr, DB: cfg.Redis.DB, Namespace: "inventory"}, logger, counters)
	defer cache.Close()

	conn, err := grpc.NewClient(orderAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	reserver := stock.NewReserver(order.NewOrderServiceClient(conn), 8, map[string]int64{"widget": 100})

	r := chi.NewRouter()
	r.Post("/reservations/{orderID}", func(w http.ResponseWriter, req *http.Request) {
		o, err := reserver.Reserve(req.Context(), chi.URLParam(req, "orderID"))
		if errors.Is(err, stock.ErrInsufficient) {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		if err != nil {
			logger.Warn("reserve", zap.Error(err))
			http.Error(w, "upstream error", http.StatusBadGateway)
			return
		}
		if err := cache.Set(req.Context(), cache.Key("reserved", o.ID), o.SKU, time.Hour); err != nil && !errors.Is(err, redis.ErrClosed) {
			logger.Warn("cache reservation", zap.Error(err))
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"order_id": o.ID, "sku": o.SKU, "left": reserver.Level(o.SKU)})
	})
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: r, ReadHeaderTimeout: 5 * time.Second}
	logger.Info("starting", zap.String("http", cfg.HTTPAddr))
	return srv.ListenAndServe()
}
