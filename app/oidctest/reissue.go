package oidctest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"

	jose "github.com/go-jose/go-jose/v4"
)

// reissue wraps the provider: when a test has set an audience, the token
// endpoint's ID token is signed again, with the provider's current key,
// naming that audience. The op package always adds the client to the
// audience, so this is the one way to have it issue a token for another.
func (p *Provider) reissue(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.store.mu.Lock()
		aud := p.store.audience
		key := p.store.keys[0]
		p.store.mu.Unlock()
		if aud == nil || r.URL.Path != "/oauth/token" {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var body map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
			copyResponse(w, rec)
			return
		}
		raw, _ := body["id_token"].(string)
		tok, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.RS256})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var claims map[string]any
		if err := json.Unmarshal(tok.UnsafePayloadWithoutVerification(), &claims); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		claims["aud"] = aud
		claims["azp"] = aud[0]
		payload, _ := json.Marshal(claims)
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key.key},
			(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", key.id))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		signed, err := signer.Sign(payload)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if body["id_token"], err = signed.CompactSerialize(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(body)
	})
}

func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
