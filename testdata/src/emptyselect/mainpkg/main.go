// Package main may park its main goroutine forever: that is "serve until
// killed".
package main

func main() {
	go func() {}()
	select {}
}
