// Package poolcache defines an Analyzer that reports sync.Pool code that
// treats the pool as a cache or as storage.
//
// # Analyzer poolcache
//
// poolcache: report sync.Pool used as a cache: Get without New or nil check, use after Put, double Put, keyed lookups
//
// "Any item stored in the Pool may be removed automatically at any time
// without notification" (sync/pool.go): at every garbage collection the
// runtime moves each pool's items to a victim cache and drops the previous
// victims (poolCleanup, called from the GC's stop-the-world start; the
// victim cache exists since Go 1.13, before which every GC emptied pools).
// Get "may choose to ignore the pool", and callers "should not assume any
// relation between values passed to Put and the values returned by Get".
// The analyzer reports four misuses.
//
// A Get from a pool without New whose result is type-asserted without a
// nil check. Get returns nil whenever the pool is empty: before the first
// Put, and again once garbage collections have dropped the items, so code
// that works in a test panics later in production:
//
//	var bufs sync.Pool // no New
//
//	func render() string {
//		b := bufs.Get().(*bytes.Buffer) // panics on nil
//		defer bufs.Put(b)
//		...
//	}
//
// Set New, or use the comma-ok form and allocate on a miss. A pool counts
// as lacking New only when the package shows all of it: an unexported
// variable or field whose literal has no New, never assigned .New, never
// handed out by address, never a parameter.
//
// A value used after it was Put back, and a value Put twice on one path.
// After Put(x) any goroutine's Get may return x to a new owner; a later
// use races with that owner, and a second Put lets two Gets hand out the
// same object:
//
//	bufs.Put(b)
//	return b.Bytes() // b may already be someone else's buffer
//
// Finish with the value before the Put, or defer the Put. A deferred Put
// followed by an explicit Put of the same value is a double Put too. This
// check is path-sensitive: it walks the function's control-flow graph from
// each Put of a local variable or field path of pointer, slice, map,
// channel or interface type, and stops at a new assignment of the
// variable; len(x), cap(x) and comparisons with nil are not uses, nor is
// reading the field through which the pool itself was reached when the
// package never assigns that field (a worker that returns itself with
// w.owner.cache.Put(w) may still read w.owner: it points to the pool's
// owner and no new owner of w changes it).
//
// A pool used as keyed storage: a field of the Get result compared for
// equality with an outside value (item.key == key) in a function that then
// returns the item or Puts it back. Such code finds the wanted item only by
// luck; use a map.
//
// Not reported: pools with New and ordinary Get/Put; a Get without New
// whose result is checked for nil or asserted with ok; test files. A Put of
// a non-pointer value (an allocation on every Put) is staticcheck's SA6002
// and not repeated here.
//
// The pool semantics hold for every Go version; the victim cache, which
// lets an item survive one garbage collection, since Go 1.13.
//
// Tiers: every finding is default tier (a panic, a race, or an item found
// only by luck); in test-support, benchmark or sample code outside
// _test.go files (packages like testutil, e2e, bench, examples) it is a
// review-tier observation, shown in review mode (-review).
package poolcache
