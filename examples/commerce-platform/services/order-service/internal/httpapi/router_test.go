package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/commerce/libs/observability"
	"example.com/commerce/services/order-service/internal/orders"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
)

func TestCreateThenGetOrder(t *testing.T) {
	h := NewRouter(orders.NewService(orders.NewMemoryStore()), zap.NewNop(), observability.NewCounters())

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/orders", strings.NewReader(`{"id":"o-1","sku":"sku-9","quantity":3}`)))
	require.Equal(t, http.StatusCreated, rec.Code)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/orders/o-1", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"id":"o-1","sku":"sku-9","quantity":3}`, rec.Body.String())
}

func TestUnknownOrderIs404(t *testing.T) {
	h := NewRouter(orders.NewService(orders.NewMemoryStore()), zap.NewNop(), observability.NewCounters())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/orders/missing", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
}
