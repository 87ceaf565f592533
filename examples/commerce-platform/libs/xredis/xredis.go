// Package xredis wraps go-redis with the conventions shared by services:
// namespaced keys, bounded timeouts and hit/miss counters.
package xredis

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"example.com/commerce/libs/observability"
	"github.com/redis/go-redis/v9"
	"go.uber.org/zap"
)

// Options configures a Client.
type Options struct {
	Addr      string
	DB        int
	Namespace string
	Timeout   time.Duration
}

// Client is a namespaced cache client.
type Client struct {
	rdb      *redis.Client
	ns       string
	timeout  time.Duration
	logger   *zap.Logger
	counters *observability.Counters
}

// ErrMiss is returned by Get when the key is absent.
var ErrMiss = errors.New("xredis: cache miss")

// New builds a client; go-redis connects lazily, so this never dials.
func New(opts Options, logger *zap.Logger, counters *observability.Counters) *Client {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 200 * time.Millisecond
	}
	return &Client{
		rdb: redis.NewClient(&redis.Options{
			Addr:         opts.Addr,
			DB:           opts.DB,
			ReadTimeout:  timeout,
			WriteTimeout: timeout,
		}),
		ns:       opts.Namespace,
		timeout:  timeout,
		logger:   logger,
		counters: counters,
	}
}

// Key joins the namespace and parts with colons.
func (c *Client) Key(parts ...string) string {
	if c.ns == "" {
		return strings.Join(parts, ":")
	}
	return c.ns + ":" + strings.Join(parts, ":")
}

// Get returns the cached value or ErrMiss.
func (c *Client) Get(ctx context.Context, key string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	val, err := c.rdb.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		c.counters.Add("xredis.miss", 1)
		return "", ErrMiss
	}
	if err != nil {
		c.logger.Warn("redis get failed", zap.String("key", key), zap.Error(err))
		return "", fmt.Errorf("xredis: get %s: %w", key, err)
	}
	c.counters.Add("xredis.hit", 1)
	return val, nil
}

// Set stores value under key with the given time to live.
func (c *Client) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := c.rdb.Set(ctx, key, value, ttl).Err(); err != nil {
		return fmt.Errorf("xredis: set %s: %w", key, err)
	}
	return nil
}

// Close releases the connection pool.
func (c *Client) Close() error {
	return c.rdb.Close()
}
