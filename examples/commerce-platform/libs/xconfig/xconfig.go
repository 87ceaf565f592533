// Package xconfig loads the shared TOML configuration file.
//
// This module deliberately stays on go 1.16 (no generics, no any) so the
// monorepo keeps one module with an unpruned module graph.
package xconfig

import (
	"errors"
	"fmt"
	"io/ioutil"

	"github.com/BurntSushi/toml"
)

// Config is the part of the configuration every service understands.
type Config struct {
	Service  string   `toml:"service"`
	HTTPAddr string   `toml:"http_addr"`
	GRPCAddr string   `toml:"grpc_addr"`
	Debug    bool     `toml:"debug"`
	Redis    Redis    `toml:"redis"`
	MySQL    MySQL    `toml:"mysql"`
	Features []string `toml:"features"`
}

// Redis holds connection settings for libs/xredis.
type Redis struct {
	Addr string `toml:"addr"`
	DB   int    `toml:"db"`
}

// MySQL holds connection settings for libs/xmysql.
type MySQL struct {
	Host     string `toml:"host"`
	Port     int    `toml:"port"`
	User     string `toml:"user"`
	Password string `toml:"password"`
	Database string `toml:"database"`
}

// ErrNoService is returned when the file does not name its service.
var ErrNoService = errors.New("xconfig: service name is required")

// Defaults returns the values used for keys a file leaves out.
func Defaults() Config {
	return Config{
		HTTPAddr: ":8080",
		GRPCAddr: ":9090",
		Redis:    Redis{Addr: "127.0.0.1:6379"},
		MySQL:    MySQL{Host: "127.0.0.1", Port: 3306, User: "app"},
	}
}

// Parse decodes TOML text on top of Defaults and validates the result.
func Parse(text string) (Config, error) {
	cfg := Defaults()
	meta, err := toml.Decode(text, &cfg)
	if err != nil {
		return Config{}, fmt.Errorf("xconfig: %v", err)
	}
	if undecoded := meta.Undecoded(); len(undecoded) > 0 {
		return Config{}, fmt.Errorf("xconfig: unknown key %q", undecoded[0].String())
	}
	if cfg.Service == "" {
		return Config{}, ErrNoService
	}
	return cfg, nil
}

// Load reads and parses the file at path.
func Load(path string) (Config, error) {
	data, err := ioutil.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("xconfig: %v", err)
	}
	return Parse(string(data))
}

// HasFeature reports whether the named feature flag is switched on.
func (c Config) HasFeature(name string) bool {
	for _, f := range c.Features {
		if f == name {
			return true
		}
	}
	return false
}
