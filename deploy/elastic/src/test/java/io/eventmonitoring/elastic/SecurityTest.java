package io.eventmonitoring.elastic;

import org.junit.jupiter.api.Test;

import static io.eventmonitoring.elastic.ElasticsearchNode.READER;
import static io.eventmonitoring.elastic.ElasticsearchNode.SETUP;
import static io.eventmonitoring.elastic.ElasticsearchNode.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles of roles.yml, as the real Elasticsearch enforces them; the setup role runs install.sh. (The test distribution has neither the reindex
 * nor the data-streams module, so _delete_by_query and the _data_stream API are not there to be refused.)
 */
class SecurityTest {

    private static final String STREAM = "/logs-eventmonitoring.service-security";
    private static final String DOC = "{\"@timestamp\":\"2026-11-26T08:00:00.000Z\",\"message\":\"security test\","
            + "\"log.level\":\"INFO\",\"service.name\":\"bridge\"}";

    private final ElasticsearchNode es = ElasticsearchNode.shared();

    private int status(String user, String method, String path, String json) {
        return es.request(user, method, path, json).status();
    }

    private String createdId() {
        ElasticsearchNode.Response created = es.request(WRITER, "POST", STREAM + "/_doc?refresh=true", DOC);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("_id").asText();
    }

    private String backingIndex(String id) {
        // An ids query, not q=_id:<id>: a generated id may start with '-', which the query string syntax reads as NOT.
        return es.admin("POST", STREAM + "/_search", "{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}")
                .path("hits").path("hits").get(0).path("_index").asText();
    }

    @Test
    void writerCreatesDocumentsButCannotReadOrDelete() {
        String id = createdId();
        String backingIndex = backingIndex(id);

        assertThat(status(WRITER, "POST", STREAM + "/_search", "{}")).isEqualTo(403);
        assertThat(status(WRITER, "GET", "/" + backingIndex + "/_doc/" + id, null)).isEqualTo(403);
        assertThat(status(WRITER, "DELETE", "/" + backingIndex + "/_doc/" + id, null)).isEqualTo(403);
        // The one way to change a document of a data stream: on its backing index, with its sequence number.
        assertThat(status(WRITER, "PUT", "/" + backingIndex + "/_doc/" + id + "?if_seq_no=0&if_primary_term=1", DOC))
                .as("overwrite").isEqualTo(403);
        assertThat(status(WRITER, "DELETE", "/" + backingIndex, null)).isEqualTo(403);
    }

    @Test
    void writerSeesWhetherTheIndexTemplatesAreInstalled() {
        // Logstash's init container waits for them with the writer's credentials.
        assertThat(status(WRITER, "GET", "/_index_template/logs-eventmonitoring.events", null)).isEqualTo(200);
        assertThat(status(WRITER, "GET", "/_index_template/logs-eventmonitoring.nothing", null)).isEqualTo(404);
    }

    @Test
    void writerCannotWriteAnywhereElse() {
        assertThat(status(WRITER, "POST", "/logs-other-default/_doc", DOC)).isEqualTo(403);
        assertThat(status(WRITER, "POST", "/eventmonitoring/_doc", DOC)).isEqualTo(403);
        assertThat(status(WRITER, "PUT", "/_index_template/sneaky",
                "{\"index_patterns\":[\"logs-eventmonitoring.x-*\"],\"data_stream\":{}}")).isEqualTo(403);
    }

    @Test
    void readerSearchesButCannotWrite() {
        String id = createdId();
        String backingIndex = backingIndex(id);
        ElasticsearchNode.Response search = es.request(READER, "POST", STREAM + "/_search",
                "{\"query\":{\"term\":{\"service.name\":\"bridge\"}}}");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body().path("hits").path("total").path("value").asLong()).isPositive();

        assertThat(status(READER, "POST", STREAM + "/_doc", DOC)).isEqualTo(403);
        assertThat(status(READER, "DELETE", "/" + backingIndex + "/_doc/" + id, null)).isEqualTo(403);
        assertThat(status(READER, "DELETE", "/" + backingIndex, null)).isEqualTo(403);
        assertThat(status(READER, "POST", "/logs-other-default/_search", "{}")).isEqualTo(403);
    }

    @Test
    void setupInstallsTheAssetsAndNothingElse() {
        String output = ElasticAssets.install(es.url(), SETUP, es.password());
        assertThat(output).contains("installed /_index_template/logs-eventmonitoring.events",
                "Event Monitoring Elastic assets are installed");
        createdId();

        assertThat(status(SETUP, "POST", STREAM + "/_search", "{}")).as("read the data").isEqualTo(403);
        assertThat(status(SETUP, "POST", STREAM + "/_doc", DOC)).as("write the data").isEqualTo(403);
        assertThat(status(SETUP, "PUT", "/_security/role/sneaky", "{\"cluster\":[\"all\"]}")).isEqualTo(403);
        assertThat(status(SETUP, "PUT", "/_security/user/sneaky",
                "{\"password\":\"sneaky-password\",\"roles\":[\"superuser\"]}")).isEqualTo(403);
        assertThat(status(SETUP, "PUT", "/other-index", null)).as("other indices").isEqualTo(403);
        assertThat(status(SETUP, "PUT", "/_cluster/settings",
                "{\"persistent\":{\"cluster.routing.allocation.enable\":\"all\"}}")).isEqualTo(403);
    }

    @Test
    void anonymousIsRejected() {
        assertThat(status(null, "POST", STREAM + "/_search", "{}")).isEqualTo(401);
        assertThat(status(null, "POST", STREAM + "/_doc", DOC)).isEqualTo(401);
    }
}
