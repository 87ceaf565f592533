package xmysql

import (
	"fmt"
	"testing"

	"github.com/go-sql-driver/mysql"
)

func TestDSNRoundTripsThroughDriverParser(t *testing.T) {
	s := Settings{Host: "db.internal", Port: 3307, User: "app", Password: "p@ss:word", Database: "orders"}
	cfg, err := mysql.ParseDSN(s.DSN())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "db.internal:3307" || cfg.Passwd != s.Password || cfg.DBName != "orders" || !cfg.ParseTime {
		t.Fatalf("unexpected config: %+v", cfg)
	}
}

func TestIsDuplicate(t *testing.T) {
	dup := fmt.Errorf("insert: %w", &mysql.MySQLError{Number: 1062, Message: "Duplicate entry"})
	if !IsDuplicate(dup) {
		t.Fatal("wrapped 1062 should be a duplicate")
	}
	if IsDuplicate(&mysql.MySQLError{Number: 1045}) || IsDuplicate(nil) {
		t.Fatal("other errors are not duplicates")
	}
}
