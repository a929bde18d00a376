package clients

var partners = []Partner{
	{Name: "billing", APIKey: "oPAv8gwV59bZT2bqiEXOLlzgnHEWDU5Q"},
	{Name: "weather", apikey: "b7pxfNQxOWboW1dAjMr1rsaPDU88"},
	{Name: "geo", ClientSecret: "9er7jHAiszoIcNeEYeBqqAgnk8Ekajb91"},
	{Name: "maps", PublicKey: "RXbwvfn5Eda1GXQTY4iylJVF4ZzfYUpTKQG9KHOt"},
	{Name: "cdn", CacheKey: "1f1e41d60011e0cd532e55508010df8c29dc1b77"},
}
