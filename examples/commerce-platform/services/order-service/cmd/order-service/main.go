// Command order-service serves orders over HTTP and gRPC.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/commerce/api-contracts/order"
	"example.com/commerce/libs/observability"
	"example.com/commerce/libs/xconfig"
	"example.com/commerce/libs/xmysql"
	"example.com/commerce/libs/xredis"
	"example.com/commerce/services/order-service/internal/grpcapi"
	"example.com/commerce/services/order-service/internal/httpapi"
	"example.com/commerce/services/order-service/internal/orders"
	"go.uber.org/zap"
	"google.golang.org/grpc"
)

func main() {
	configPath := flag.String("config", "order-service.toml", "path to the TOML config")
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

	cache := xredis.New(xredis.Options{Addr: cfg.Redis.Addr, DB: cfg.Redis.DB, Namespace: "orders"}, logger, counters)
	defer cache.Close()
	db, err := xmysql.Open(xmysql.Settings{
		Host: cfg.MySQL.Host, Port: cfg.MySQL.Port, User: cfg.MySQL.User,
		Password: cfg.MySQL.Password, Database: cfg.MySQL.Database,
	}, logger, counters)
	if err != nil {
		return err
	}
	defer db.Close()

	svc := orders.NewService(orders.NewMemoryStore())
	httpSrv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpapi.NewRouter(svc, logger, counters), ReadHeaderTimeout: 5 * time.Second}
	grpcSrv := grpc.NewServer()
	order.RegisterOrderServiceServer(grpcSrv, &grpcapi.Server{Orders: svc})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("starting", zap.String("http", cfg.HTTPAddr), zap.String("grpc", cfg.GRPCAddr))
	return observability.RunAll(ctx,
		func(context.Context) error {
			if err := httpSrv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
		func(context.Context) error {
			lis, err := net.Listen("tcp", cfg.GRPCAddr)
			if err != nil {
				return err
			}
			return grpcSrv.Serve(lis)
		},
		func(ctx context.Context) error {
			<-ctx.Done()
			grpcSrv.GracefulStop()
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return httpSrv.Shutdown(shutdownCtx)
		},
	)
}
