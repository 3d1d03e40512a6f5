module example.com/unsaferuntime

go 1.17
