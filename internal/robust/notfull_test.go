//go:build !robustfull

package robust_test

// robustFull is set by the robustfull build tag (full_test.go).
const robustFull = false
