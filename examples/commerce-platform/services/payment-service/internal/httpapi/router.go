// Package httpapi exposes payment intake over HTTP.
package httpapi

import (
	"encoding/json"
	"net/http"

	"example.com/commerce/libs/observability"
	"example.com/commerce/services/payment-service/internal/payments"
	"github.com/go-chi/chi/v5"
	"go.uber.org/zap"
	"golang.org/x/text/language"
)

// NewRouter builds the HTTP routes; accepted payments are handed to sink.
func NewRouter(sink func(payments.Payment) error, logger *zap.Logger, counters *observability.Counters) http.Handler {
	r := chi.NewRouter()
	r.Post("/payments", func(w http.ResponseWriter, req *http.Request) {
		var p payments.Payment
		if err := json.NewDecoder(req.Body).Decode(&p); err != nil {
			http.Error(w, "invalid JSON", http.StatusBadRequest)
			return
		}
		tags, _, _ := language.ParseAcceptLanguage(req.Header.Get("Accept-Language"))
		tag := language.AmericanEnglish
		if len(tags) > 0 {
			tag = tags[0]
		}
		receipt, err := p.Format(tag)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		if err := sink(p); err != nil {
			logger.Error("store payment", zap.Error(err))
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		counters.Add("payments.accepted", 1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(map[string]string{"order_id": p.OrderID, "receipt": receipt})
	})
	return r
}
