module example.com/rtlint-example

go 1.26
