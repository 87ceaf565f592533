package payments

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestFormatUsesCurrencyScale(t *testing.T) {
	got, err := Payment{OrderID: "o-1", Amount: 123456, Currency: "USD"}.Format(language.AmericanEnglish)
	require.NoError(t, err)
	assert.Equal(t, "$ 1,234.56", got)
}

func TestValidateRejectsBadInput(t *testing.T) {
	cases := []Payment{
		{Amount: 100, Currency: "EUR"},
		{OrderID: "o-1", Amount: 0, Currency: "EUR"},
		{OrderID: "o-1", Amount: 100, Currency: "XYZW"},
	}
	for _, p := range cases {
		_, err := p.Validate()
		assert.ErrorIs(t, err, ErrInvalid, "%+v", p)
	}
}
