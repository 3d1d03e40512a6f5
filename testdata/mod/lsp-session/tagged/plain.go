// Package tagged has a file built only with the build tag lsptag.
package tagged

// Plain is built whatever the tags.
func Plain() {}
