// Package httpapi exposes the order service over HTTP.
package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"example.com/commerce/libs/observability"
	"example.com/commerce/services/order-service/internal/orders"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"go.uber.org/zap"
)

type orderJSON struct {
	ID       string `json:"id"`
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
}

// NewRouter builds the HTTP routes.
func NewRouter(svc *orders.Service, logger *zap.Logger, counters *observability.Counters) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Recoverer)
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	r.Get("/orders/{id}", func(w http.ResponseWriter, req *http.Request) {
		counters.Add("http.get_order", 1)
		o, err := svc.Get(req.Context(), chi.URLParam(req, "id"))
		if errors.Is(err, orders.ErrNotFound) {
			http.Error(w, "order not found", http.StatusNotFound)
			return
		}
		if err != nil {
			logger.Error("get order", zap.Error(err))
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		writeJSON(w, http.StatusOK, orderJSON{ID: o.ID, SKU: o.SKU, Quantity: o.Quantity})
	})
	r.Post("/orders", func(w http.ResponseWriter, req *http.Request) {
		var in orderJSON
		if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
			http.Error(w, "invalid JSON", http.StatusBadRequest)
			return
		}
		o, err := svc.Create(req.Context(), in.ID, in.SKU, in.Quantity)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		writeJSON(w, http.StatusCreated, orderJSON{ID: o.ID, SKU: o.SKU, Quantity: o.Quantity})
	})
	return r
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
