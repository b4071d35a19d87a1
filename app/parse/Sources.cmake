# Parsers of foreign input (files read off a server). Used by app/ and fuzz/.
set(SALTANT_PARSE_SOURCES
    Digits.h
    DotenvParser.h
    DotenvParser.cpp
    ErlangTermParser.h
    ErlangTermParser.cpp
    NginxConfigParser.h
    NginxConfigParser.cpp
    ParseError.h
    ParseError.cpp
    RabbitConfParser.h
    RabbitConfParser.cpp
    SystemdUnitParser.h
    SystemdUnitParser.cpp
    UwsgiIniParser.h
    UwsgiIniParser.cpp
)
list(TRANSFORM SALTANT_PARSE_SOURCES PREPEND "${CMAKE_CURRENT_LIST_DIR}/")
