package dev.peersteam.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PeersTeamCommand.class.getPackage().getImplementationVersion();
        return new String[] {"peers-team " + (v == null ? "dev" : v), "Java " + Runtime.version()};
    }
}
