#include "ssh/RoundTrips.h"

namespace saltant {
namespace {

QString count(int n, const char* one, const char* many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}

} // namespace

QString RoundTrips::text() const
{
    return count(connections, "connection", "connections") + QStringLiteral(", ") +
           count(execChannels, "exec channel", "exec channels") + QStringLiteral(", ") +
           count(sftpOperations, "SFTP operation", "SFTP operations") + QStringLiteral(", ") +
           count(sudo, "sudo", "sudo");
}

RoundTrips& RoundTrips::operator+=(const RoundTrips& other)
{
    connections += other.connections;
    execChannels += other.execChannels;
    sftpOperations += other.sftpOperations;
    sudo += other.sudo;
    return *this;
}

} // namespace saltant
