package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.Provisioning;
import dev.evident.integration.ConnectionProvisioning;
import dev.evident.integration.ConnectionProvisioning.SyncSummary;
import dev.evident.integration.Inventory;
import dev.evident.monitoring.MonitoringHistory;
import dev.evident.program.ProgramDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A demo company seeded before a source joined the demo gets that source's connection at its next start. */
class DemoMonitoringTest {

    @Test
    void aCompanyThatHasGitHubGetsOnlyTheMissingSourcesSyncedAndEvaluatedWithoutHistory() {
        UUID org = UUID.randomUUID();
        UUID aws = UUID.randomUUID();
        ConnectionProvisioning connections = mock(ConnectionProvisioning.class);
        MonitoringHistory history = mock(MonitoringHistory.class);
        DemoReplayServer replay = mock(DemoReplayServer.class);
        when(replay.start(anyString())).thenReturn("http://127.0.0.1:40404");
        when(connections.connectionNamed(eq(org), anyString())).thenReturn(Optional.of(UUID.randomUUID()));
        when(connections.connectionNamed(org, DemoSource.AWS.displayName())).thenReturn(Optional.empty());
        when(connections.create(any(), eq("aws"), eq(DemoSource.AWS.displayName()), anyMap(), anyInt())).thenReturn(aws);
        when(connections.syncNow(org, aws)).thenReturn(new SyncSummary(UUID.randomUUID(), "ok", Map.of(), "d", null));
        DemoMonitoring monitoring = new DemoMonitoring(replay, connections, history, mock(Inventory.class),
                mock(ProgramDirectory.class), mock(OrganizationDirectory.class), mock(Provisioning.class), null,
                Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));

        assertThat(monitoring.seed(org)).as("no evidence records: no history").isZero();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, String>> settings = ArgumentCaptor.forClass(Map.class);
        verify(connections).create(any(), eq("aws"), eq(DemoSource.AWS.displayName()), settings.capture(),
                eq(DemoMonitoring.SYNC_INTERVAL_MINUTES));
        assertThat(settings.getValue()).containsEntry("endpointUrl", "http://127.0.0.1:40404")
                .containsEntry("organizationMode", "true");
        verify(connections, never()).create(any(), eq("okta"), anyString(), anyMap(), anyInt());
        verify(connections, never()).create(any(), eq("hr-roster"), anyString(), anyMap(), anyInt());
        verify(connections).linkAccount(any(), eq(aws), eq("aws.iam_user"),
                eq("arn:aws:iam::345678901234:user/ci-deploy"), eq("tom@brightwave.example"));
        verify(history).evaluateNow(org, aws);
        verify(history, never()).backfill(any(), any(), any());
        verify(history, never()).recordEvidence(any(), any());
    }
}
