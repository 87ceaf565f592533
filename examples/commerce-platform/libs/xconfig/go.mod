module example.com/commerce/libs/xconfig

go 1.16

require github.com/BurntSushi/toml v1.3.2
