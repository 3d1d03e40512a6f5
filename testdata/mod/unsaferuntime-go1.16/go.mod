module example.com/unsaferuntime

go 1.16
