package dev.evident.shared.config;

/** A setting Evident cannot start with; the failure analyzer prints the setting and the fix. */
public class InvalidConfigurationException extends RuntimeException {

    private final String setting;
    private final String fix;

    public InvalidConfigurationException(String setting, String problem, String fix) {
        super(setting + " " + problem);
        this.setting = setting;
        this.fix = fix;
    }

    public String setting() {
        return setting;
    }

    public String fix() {
        return fix;
    }
}
