package dev.evident.connectors.hrroster;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;

/** The HR roster connector: an uploaded CSV or XLSX export is the system of record for people. */
public final class HrRosterConnectorFactory implements ConnectorFactory {

    static final String ROSTER = "roster";

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.file(ROSTER, "Roster (CSV or XLSX)").asRequired()
                    .withHelp("An export from your HR system with one row per person and the columns name, email, "
                            + "start date, and optionally department, manager (email), employment type and end date. "
                            + "Dates as YYYY-MM-DD or date cells."));

    @Override
    public String name() {
        return "hr-roster";
    }

    @Override
    public String displayName() {
        return "HR roster";
    }

    @Override
    public String description() {
        return "People from an uploaded HR export (CSV or XLSX): who works here, since when, and who has left, "
                + "so accounts in other systems can be checked against it.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        config.requireValid();
        config.require(ROSTER);
        return new HrRosterConnector();
    }
}
