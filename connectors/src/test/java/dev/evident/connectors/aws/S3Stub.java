package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * S3 and S3 Control answers (REST/XML, path-style addressing as with an endpoint override), shaped as
 * in the Amazon S3 API reference. "None configured" answers are the documented 404 errors.
 */
final class S3Stub {

    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final String FULL_BLOCK = "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
            + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>";

    private final AwsStub stub;
    private final String keyId;

    S3Stub(AwsStub stub, String keyId) {
        this.stub = stub;
        this.keyId = keyId;
    }

    private MappingBuilder signed(MappingBuilder mapping) {
        return mapping.withHeader("Authorization", containing("Credential=" + keyId + "/"));
    }

    /** GET /?max-buckets=… ListBuckets; each bucket as {name, region or null when S3 leaves it out}. */
    void buckets(String[]... buckets) {
        StringBuilder xml = new StringBuilder("<ListAllMyBucketsResult xmlns=\"" + NS + "\"><Buckets>");
        for (String[] bucket : buckets) {
            xml.append("<Bucket><Name>").append(bucket[0]).append("</Name><CreationDate>2024-02-01T10:00:00.000Z")
                    .append("</CreationDate>").append(bucket[1] == null ? "" : "<BucketRegion>" + bucket[1]
                            + "</BucketRegion>").append("</Bucket>");
        }
        xml.append("</Buckets><Owner><DisplayName>acme</DisplayName><ID>79a59df900b949e55d96a1e698fbaced</ID></Owner>")
                .append("</ListAllMyBucketsResult>");
        stub.stub(signed(get(urlPathEqualTo("/")).withQueryParam("max-buckets", com.github.tomakehurst.wiremock
                .client.WireMock.matching("[0-9]+"))).willReturn(xml(xml.toString())));
    }

    /** GET /{bucket}?{subresource}. */
    void bucket(String bucket, String subresource, ResponseDefinitionBuilder answer) {
        stub.stub(signed(get(urlMatching("/" + bucket + "\\?" + subresource + "(=|&|$).*"))).willReturn(answer));
    }

    /** A bucket with nothing configured: every sub-resource answers "none". */
    void bareBucket(String bucket) {
        bucket(bucket, "encryption", error(404, "ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found"));
        bucket(bucket, "publicAccessBlock", error(404, "NoSuchPublicAccessBlockConfiguration",
                "The public access block configuration was not found"));
        bucket(bucket, "policyStatus", error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"));
        bucket(bucket, "versioning", xml("<VersioningConfiguration xmlns=\"" + NS + "\"/>"));
        bucket(bucket, "logging", xml("<BucketLoggingStatus xmlns=\"" + NS + "\"/>"));
    }

    /** S3 Control GET /v20180820/configuration/publicAccessBlock; null for none. */
    void accountBlock(String blockXml) {
        stub.stub(signed(get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))).willReturn(
                blockXml == null ? aResponse().withStatus(404).withHeader("Content-Type", "application/xml").withBody(
                        // S3 Control wraps its errors, unlike S3.
                        "<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public "
                                + "access block configuration was not found</Message></Error>"
                                + "<RequestId>5E4D3C2B1A</RequestId><HostId>h0st=</HostId></ErrorResponse>")
                        : xml("<PublicAccessBlockConfiguration>" + blockXml + "</PublicAccessBlockConfiguration>")));
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
    }

    /** S3's error document: {@code <Error><Code/><Message/><RequestId/><HostId/></Error>}. */
    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>h0stIdEXAMPLE=</HostId></Error>");
    }
}
