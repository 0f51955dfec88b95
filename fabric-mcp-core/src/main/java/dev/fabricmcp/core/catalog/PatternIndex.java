package dev.fabricmcp.core.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of patterns, searched with a task described in words. Every pattern is indexed by its
 * name (split at {@code _} and {@code -}), its description and its own text, and ranked with BM25; a match in the
 * name counts most, one in the text least, so that a task whose words appear only in a pattern's instructions still
 * finds it. Each field is indexed twice: with English stemming, and cut to each word's first five letters, because
 * the stemmer keeps apart words a person uses interchangeably ("summary" and "summarize"). Immutable once built;
 * safe to search from many threads.
 */
public final class PatternIndex {

    /** How much more a word counts in each field than in the pattern's text. */
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("name", 3.0f, "description", 2.0f, "text", 1.0f);
    /** The suffix of the fields that hold words cut short, and how much a match there counts next to a stemmed one. */
    private static final String CUT = "_cut";
    private static final float CUT_BOOST = 0.5f;
    private static final int CUT_LENGTH = 5;
    private static final int MAX_QUERY_WORDS = 64;

    private final Analyzer analyzer = analyzer();
    private final IndexSearcher searcher;
    private final int size;

    private PatternIndex(IndexSearcher searcher, int size) {
        this.searcher = searcher;
        this.size = size;
    }

    /** A pattern found for a task, with its relevance (higher is better; comparable within one search only). */
    public record Hit(String name, String description, double score) {
    }

    /** Indexes the patterns; takes some milliseconds per hundred patterns. */
    public static PatternIndex of(List<PatternEntry> patterns) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer()))) {
            for (PatternEntry pattern : patterns) {
                Document document = new Document();
                document.add(new StoredField("id", pattern.name()));
                document.add(new StoredField("summary", pattern.description()));
                Map<String, String> fields = Map.of("name", pattern.name().replace('_', ' ').replace('-', ' '),
                        "description", pattern.description(), "text", pattern.text());
                fields.forEach((field, value) -> {
                    document.add(new TextField(field, value, Field.Store.NO));
                    document.add(new TextField(field + CUT, value, Field.Store.NO));
                });
                writer.addDocument(document);
            }
            writer.commit();
            return new PatternIndex(new IndexSearcher(DirectoryReader.open(directory)), patterns.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the patterns in memory", e);
        }
    }

    /** How many patterns the index holds. */
    public int size() {
        return size;
    }

    /** The patterns that best fit the task, best first; empty when no word of the task occurs in any pattern. */
    public List<Hit> search(String task, int limit) {
        Set<String> stemmed = words("text", task);
        if (stemmed.isEmpty() || limit < 1) {
            return List.of();
        }
        Set<String> cut = words("text" + CUT, task);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        FIELD_BOOSTS.forEach((field, boost) -> {
            stemmed.forEach(word -> query.add(new BoostQuery(new TermQuery(new Term(field, word)), boost),
                    BooleanClause.Occur.SHOULD));
            cut.forEach(word -> query.add(new BoostQuery(new TermQuery(new Term(field + CUT, word)),
                    boost * CUT_BOOST), BooleanClause.Occur.SHOULD));
        });
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc found : searcher.search(query.build(), limit).scoreDocs) {
                Document document = searcher.storedFields().document(found.doc);
                hits.add(new Hit(document.get("id"), document.get("summary"), found.score));
            }
            return List.copyOf(hits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the in-memory pattern index", e);
        }
    }

    /** The task's words as the field holds them: lower case, stemmed or cut, without stop words. */
    private Set<String> words(String field, String task) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(field, task.replace('_', ' '))) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && words.size() < MAX_QUERY_WORDS) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse the task text", e);
        }
        return words;
    }

    /** English stemming for the plain fields; lower case, English stop words and cut words for the others. */
    private static Analyzer analyzer() {
        Analyzer cutWords = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                TokenStream words = new StopFilter(new LowerCaseFilter(tokenizer),
                        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(tokenizer, new TruncateTokenFilter(words, CUT_LENGTH));
            }
        };
        Map<String, Analyzer> perField = new java.util.HashMap<>();
        FIELD_BOOSTS.keySet().forEach(field -> perField.put(field + CUT, cutWords));
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), perField);
    }
}
