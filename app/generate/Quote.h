#pragma once

#include <QString>

namespace saltant {

// Quoting per target format. Values reaching these functions have passed validation, but each function is
// still safe on its own: the output is always one token of its format, never an injection.
namespace Quote {

// POSIX sh single-quoted word: 'it'\''s'.
QString shell(const QString& value);
// nginx: bare when only safe characters, else a double-quoted string with \" and \\ escaped. nginx has no
// escape for '$', so '$' (which validation keeps out of nginx values) becomes U+FFFD, never a variable.
QString nginx(const QString& value);
// django-dotenv single-quoted value: literal, no $-expansion, no escapes; '#' and quotes are kept because the
// parser takes everything up to the last quote. Line breaks cannot be represented (validation rejects them).
QString dotenv(const QString& value);
// systemd EnvironmentFile= value: single-quoted when possible (literal), else double-quoted with \ escapes.
QString envFile(const QString& value);
// systemd unit command-line argument: double-quoted with \ escapes, % doubled (specifiers), $ doubled.
QString systemdArgument(const QString& value);
// Erlang string literal "..." with \" and \\ escaped.
QString erlangString(const QString& value);
// RainerScript (rsyslog) string literal "..." with \" and \\ escaped.
QString rsyslogString(const QString& value);
// Percent-encoding for a userinfo or path part of a URL (RFC 3986 unreserved kept).
QString urlComponent(const QString& value);

} // namespace Quote
} // namespace saltant
