package contained

import (
	"runtime"
	"strings"
)

// supported refuses toolchains the pulls were not tested with.
func supported() bool {
	v := runtime.Version()
	for _, ok := range []string{"go1.22", "go1.23", "go1.24", "go1.25", "go1.26"} {
		if v == ok || strings.HasPrefix(v, ok+".") {
			return true
		}
	}
	return false
}

func Now() int64 {
	if !supported() {
		return 0
	}
	_ = gcount()
	_ = fastrand()
	return nanotime()
}
