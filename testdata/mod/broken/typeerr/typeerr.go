// Package typeerr does not type-check.
package typeerr

func f() int {
	return "not an int"
}
