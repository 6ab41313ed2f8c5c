package app

import (
	"strconv"
	"testing"
)

func TestPageCacheIsBoundedAndRevisionExact(t *testing.T) {
	t.Parallel()
	a := &App{}
	a.storePage("k", cachedPage{rev: 3, body: []byte("x")})
	if _, ok := a.cachedAt("k", 3); !ok {
		t.Fatal("a page stored at revision 3 is not served at 3")
	}
	if _, ok := a.cachedAt("k", 4); ok {
		t.Fatal("a page stored at revision 3 is served at 4")
	}
	big := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		a.storePage("p"+strconv.Itoa(i), cachedPage{rev: 1, body: big})
		if a.cache.bytes > maxCachedBytes || len(a.cache.entries) > maxCachedPages {
			t.Fatalf("cache holds %d bytes in %d entries", a.cache.bytes, len(a.cache.entries))
		}
	}
	a.Config.NoPageCache = true
	a.storePage("n", cachedPage{rev: 1, body: []byte("y")})
	if _, ok := a.cachedAt("n", 1); ok {
		t.Fatal("served from the cache with SENDBOARD_PAGE_CACHE=false")
	}
}
