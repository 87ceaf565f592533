package xconfig

import "testing"

func TestParseAppliesDefaultsAndRejectsUnknownKeys(t *testing.T) {
	cfg, err := Parse("service = \"orders\"\nfeatures = [\"fast-checkout\"]\n[redis]\ndb = 2\n")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTPAddr != ":8080" || cfg.Redis.DB != 2 || cfg.Redis.Addr == "" || !cfg.HasFeature("fast-checkout") {
		t.Fatalf("unexpected config: %+v", cfg)
	}
	if _, err := Parse("service = \"x\"\nbogus = 1\n"); err == nil {
		t.Fatal("expected an error for an unknown key")
	}
	if _, err := Parse(""); err != ErrNoService {
		t.Fatalf("got %v, want ErrNoService", err)
	}
}
