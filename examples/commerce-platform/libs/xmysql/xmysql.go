// Package xmysql opens MySQL connection pools with the settings every
// service is expected to use.
package xmysql

import (
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"example.com/commerce/libs/observability"
	"github.com/go-sql-driver/mysql"
	"go.uber.org/zap"
)

// Settings describes one database.
type Settings struct {
	Host     string
	Port     int
	User     string
	Password string
	Database string
}

// DSN renders the driver connection string; parseTime is forced on because
// services scan DATETIME columns into time.Time.
func (s Settings) DSN() string {
	cfg := mysql.NewConfig()
	cfg.User = s.User
	cfg.Passwd = s.Password
	cfg.Net = "tcp"
	cfg.Addr = net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	cfg.DBName = s.Database
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.Timeout = 3 * time.Second
	return cfg.FormatDSN()
}

// Open returns a pool; database/sql dials lazily, so no server is contacted.
func Open(s Settings, logger *zap.Logger, counters *observability.Counters) (*sql.DB, error) {
	db, err := sql.Open("mysql", s.DSN())
	if err != nil {
		return nil, fmt.Errorf("xmysql: open %s: %w", s.Database, err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(5 * time.Minute)
	counters.Add("xmysql.pools", 1)
	logger.Debug("mysql pool ready", zap.String("database", s.Database))
	return db, nil
}

// IsDuplicate reports whether err is a MySQL duplicate-key error (1062).
func IsDuplicate(err error) bool {
	var myErr *mysql.MySQLError
	return errors.As(err, &myErr) && myErr.Number == 1062
}
