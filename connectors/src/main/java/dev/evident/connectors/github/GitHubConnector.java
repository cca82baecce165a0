package dev.evident.connectors.github;

import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.Testable;

import java.time.Duration;
import java.util.List;

/** One configured GitHub organization. */
final class GitHubConnector implements Connector, Testable {

    private final GitHubApi api;
    private final String organization;
    private final boolean readProfiles;
    private final Duration pullRequestLookBack;

    GitHubConnector(GitHubApi api, String organization, boolean readProfiles, Duration pullRequestLookBack) {
        this.api = api;
        this.organization = organization;
        this.readProfiles = readProfiles;
        this.pullRequestLookBack = pullRequestLookBack;
    }

    @Override
    public List<Collector> collectors() {
        return List.of(
                new OrganizationCollector(api, organization),
                PeopleCollector.members(api, organization, readProfiles),
                PeopleCollector.outsideCollaborators(api, organization, readProfiles),
                new RepositoryCollector(api, organization),
                new PullRequestCollector(api, organization, pullRequestLookBack),
                new DependabotAlertCollector(api, organization));
    }

    @Override
    public ConnectionTestResult testConnection() {
        return new GitHubConnectionTest(api, organization).run();
    }
}
