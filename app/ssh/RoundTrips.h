#pragma once

#include <QString>

namespace saltant {

// What one SSH connection cost in round trips, counted where the operations happen (SshSession, SshRemoteHost,
// SshFileTransfer): for the benchmark and the regression tests, printed by `deploy` on request
// (SALTANT_DEPLOY_STATS=1). Counts, not timings.
struct RoundTrips
{
    int connections = 0;    // TCP connection + SSH handshake (key exchange, host key)
    int execChannels = 0;   // session channels that ran one command
    int sftpOperations = 0; // SFTP requests: subsystem start, open, stat, read, write, chmod, rename, close...
    int sudo = 0;           // commands run through sudo (the probes included)

    // "1 connection, 9 exec channels, 12 SFTP operations, 5 sudo": not translated (bench/run.sh reads it).
    QString text() const;
    RoundTrips& operator+=(const RoundTrips& other);
    bool operator==(const RoundTrips& other) const
    {
        return connections == other.connections && execChannels == other.execChannels &&
               sftpOperations == other.sftpOperations && sudo == other.sudo;
    }
    bool operator!=(const RoundTrips& other) const { return !(*this == other); }
};

} // namespace saltant
