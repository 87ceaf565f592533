// Package payments holds payment validation and formatting.
package payments

import (
	"errors"
	"fmt"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Payment is an amount in minor units (cents) of one currency.
type Payment struct {
	OrderID  string `json:"order_id"`
	Amount   int64  `json:"amount_minor"`
	Currency string `json:"currency"`
}

// ErrInvalid wraps every validation failure.
var ErrInvalid = errors.New("payments: invalid payment")

// Validate checks the order reference, sign and ISO 4217 code.
func (p Payment) Validate() (currency.Unit, error) {
	if p.OrderID == "" {
		return currency.Unit{}, fmt.Errorf("%w: order_id is required", ErrInvalid)
	}
	if p.Amount <= 0 {
		return currency.Unit{}, fmt.Errorf("%w: amount must be positive", ErrInvalid)
	}
	unit, err := currency.ParseISO(p.Currency)
	if err != nil {
		return currency.Unit{}, fmt.Errorf("%w: currency %q: %v", ErrInvalid, p.Currency, err)
	}
	return unit, nil
}

// Format renders the amount for a receipt in the customer's language.
func (p Payment) Format(tag language.Tag) (string, error) {
	unit, err := p.Validate()
	if err != nil {
		return "", err
	}
	scale, _ := currency.Standard.Rounding(unit)
	major := float64(p.Amount)
	for i := 0; i < scale; i++ {
		major /= 10
	}
	return message.NewPrinter(tag).Sprint(currency.Symbol(unit.Amount(major))), nil
}
